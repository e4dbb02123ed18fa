/**
 * The default proofreading rules for fiction and essays, each with the reason it is on, and how
 * `lint:` in book.yaml changes them. Only names and settings live here; the rule modules are
 * loaded by the worker threads (rule-modules.ts), the only place that runs them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_RULE_IDS, type LintRuleId, type LintRuleSettingValue } from '../config/schema.ts';
import { BuildError } from '../errors.ts';
import { insideRoot, type Manuscript } from '../manuscript/load.ts';

/** Which text a rule reads. */
type LintView =
  /** The prose a reader sees: notations resolved, readings and annotations out. */
  | 'prose'
  /** The prose without the words inside 「」. */
  | 'narration'
  /** Ruby readings, one per paragraph. */
  | 'readings'
  /** The file's text as it is, notations, code and all. */
  | 'source';

/** How severe a finding is. */
export type LintSeverity = 'error' | 'warning';

/** What the project says about a rule before book.yaml has its say. */
interface RuleDefault {
  severity: LintSeverity;
  view: Exclude<LintView, 'narration'>;
  /** The rule judges narration only unless book.yaml says otherwise (prose rules only). */
  narrationOnly?: boolean;
  /** The rule weighs the whole chapter (mixed styles), so the chapter is not cut into documents for it. */
  wholeChapter?: boolean;
  options?: Record<string, unknown>;
  /** Why it is on (docs/proofreading.md's rule table says the same). */
  reason: string;
}

/** The default rule set. */
const RULE_DEFAULTS: Record<LintRuleId, RuleDefault> = {
  'no-unmatched-pair': {
    severity: 'error',
    view: 'prose',
    reason: 'a 「 or （ left open is a mistake in any book, and easy to miss in vertical text',
  },
  'ja-no-mixed-period': {
    severity: 'error',
    view: 'prose',
    // Fiction ends lines with 」, ！, ？, ……, and dashes; lines set 地付き or centred are exempt (see the filter).
    options: { periodMark: '。', allowPeriodMarks: ['…', '‥', '―', '—', '─'] },
    reason: 'a paragraph of narration should end with 。 (or 」！？…—), never with a stray . or nothing',
  },
  'no-invalid-control-character': {
    severity: 'error',
    view: 'source',
    reason:
      'control characters are invisible debris; the build drops them, so the book would differ from the manuscript',
  },
  'no-nfd': {
    severity: 'error',
    view: 'source',
    reason:
      'decomposed kana (macOS file names, some copy and paste) break search and ruby; the build composes them silently',
  },
  'no-doubled-joshi': {
    severity: 'warning',
    view: 'prose',
    reason: 'the same particle twice in a sentence (が…が) is the commonest slip of Japanese prose',
  },
  'no-dropping-the-ra': {
    severity: 'warning',
    view: 'prose',
    reason: 'ら抜き言葉 (見れる) reads as speech; fine in dialogue, worth a look in narration',
  },
  'ja-no-redundant-expression': {
    severity: 'warning',
    view: 'prose',
    reason: 'redundant expressions (することができる) can usually be said shorter',
  },
  'sentence-length': {
    severity: 'warning',
    view: 'prose',
    options: { max: 120 },
    reason: 'a sentence over 120 characters is hard to follow in a vertical line; dialogue and narration alike',
  },
  'no-mix-dearu-desumasu': {
    severity: 'warning',
    view: 'prose',
    narrationOnly: true,
    wholeChapter: true,
    reason:
      'the narrator should keep one style (だ・である or です・ます) through a chapter; characters may speak as they like',
  },
  'no-hankaku-kana': {
    severity: 'warning',
    view: 'prose',
    reason: 'half-width katakana (ｶﾀｶﾅ) is an input slip; it cannot be set properly in a vertical line',
  },
  prh: {
    severity: 'warning',
    view: 'prose',
    reason: 'the book’s own spellings (表記ゆれ), from prh.yml in the manuscript folder',
  },
  'ruby-reading': {
    severity: 'warning',
    view: 'readings',
    reason:
      'a reading with punctuation or far longer than its base is usually a notation that swallowed the text after it',
  },
};

/** A rule as one book runs it. */
export interface ResolvedRule {
  id: LintRuleId;
  severity: LintSeverity;
  view: LintView;
  wholeChapter: boolean;
  options: Record<string, unknown>;
}

/** The rules a book runs, from the defaults and its `lint:` settings; prh only when there is a dictionary. */
export async function resolveRules(manuscript: Manuscript): Promise<ResolvedRule[]> {
  const settings = manuscript.config.lint.rules as Partial<Record<LintRuleId, LintRuleSettingValue>>;
  const dictionary = normalise(settings.prh).severity === 'off' ? undefined : await prhDictionary(manuscript);
  const rules: ResolvedRule[] = [];
  for (const id of LINT_RULE_IDS) {
    const defaults = RULE_DEFAULTS[id];
    const setting = normalise(settings[id]);
    if (setting.severity === 'off') continue;
    if (id === 'prh' && !dictionary) continue;
    const narrationOnly = setting.dialogue === undefined ? defaults.narrationOnly === true : !setting.dialogue;
    rules.push({
      id,
      severity: setting.severity ?? defaults.severity,
      view: defaults.view === 'prose' && narrationOnly ? 'narration' : defaults.view,
      wholeChapter: defaults.wholeChapter === true,
      options: {
        ...defaults.options,
        ...setting.options,
        ...(id === 'prh' && dictionary ? { rulePaths: [dictionary] } : {}),
      },
    });
  }
  return rules;
}

function normalise(setting: LintRuleSettingValue | undefined): {
  severity?: LintSeverity | 'off';
  dialogue?: boolean;
  options?: Record<string, unknown>;
} {
  if (setting === undefined || setting === true) return {};
  if (setting === false) return { severity: 'off' };
  if (typeof setting === 'string') return { severity: setting };
  return setting;
}

/**
 * The prh dictionary: `lint.prh`, which must exist inside the manuscript folder, or `prh.yml`
 * there when there is one. It is read once here, so that a mistake in it is reported with its
 * place rather than by every worker.
 */
async function prhDictionary(manuscript: Manuscript): Promise<string | undefined> {
  const named = manuscript.config.lint.prh;
  let path: string;
  if (named === undefined) {
    path = join(manuscript.root, 'prh.yml');
    if (!existsSync(path)) return undefined;
  } else {
    const place = manuscript.locate(['lint', 'prh']);
    path = await insideRoot(manuscript.root, named, place);
    if (!existsSync(path)) {
      throw new BuildError(`prh dictionary not found: ${named}`, {
        ...place,
        hint: 'lint.prh names a YAML file in the manuscript folder (see docs/proofreading.md, "Changing them")',
        ruleId: 'lint-prh-missing',
      });
    }
  }
  try {
    const { fromYAMLFilePath } = await import('prh');
    fromYAMLFilePath(path);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const at = /line (\d+), column (\d+)/.exec(message);
    throw new BuildError(`prh dictionary cannot be read: ${message.split('\n')[0]}`, {
      file: path,
      line: at ? Number(at[1]) : undefined,
      column: at ? Number(at[2]) : undefined,
      hint: 'see the prh format: version: 1, then rules: with expected / patterns',
      ruleId: 'lint-prh-invalid',
      cause,
    });
  }
  return path;
}
