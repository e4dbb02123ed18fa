// The textlint rule packages ship no types; each is a CommonJS module whose export is a rule
// (sometimes under `default`). rule-modules.ts takes each as `unknown` and unwraps it.
declare module '@textlint-rule/textlint-rule-no-invalid-control-character' {
  const rule: unknown;
  export default rule;
}
declare module '@textlint-rule/textlint-rule-no-unmatched-pair' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-filter-rule-comments' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-ja-no-mixed-period' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-ja-no-redundant-expression' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-no-doubled-joshi' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-no-dropping-the-ra' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-no-hankaku-kana' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-no-mix-dearu-desumasu' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-no-nfd' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-prh' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-sentence-length' {
  const rule: unknown;
  export default rule;
}
