/**
 * The papers a cover's spine width can be computed for: the one table of paper thicknesses.
 *
 * 背幅 (spine width) = the interior's thickness + the shop's allowance (`print.cover.spineAllowance`).
 * Japanese shops publish a thickness per sheet (one leaf, two pages) for each paper they stock;
 * KDP publishes inches per page. To add a paper, add a row: `name` is what `print.cover.paper`
 * says (matched ignoring spaces, width and case, so 上質 70 kg and 上質７０ｋｇ are the same),
 * `aliases` other names for it, and exactly one of `mmPerSheet` / `inchesPerPage`. Values
 * differ a little between shops and mills: when your shop's table says otherwise, add its row
 * or adjust with `spineAllowance`.
 */

/** Where a paper is used: a Japanese print shop (印刷所) or Amazon KDP. */
export type PaperProfile = 'print-shop' | 'kdp';

/** One paper and how thick the interior printed on it is. */
export interface Paper {
  name: string;
  aliases?: readonly string[];
  profile: PaperProfile;
  /** Thickness of one sheet (two pages), in millimetres, as Japanese shops list it. */
  mmPerSheet?: number;
  /** Thickness per page, in inches, as KDP lists it. */
  inchesPerPage?: number;
  /** What the paper is, for the summary and the error that lists the papers. */
  description: string;
}

/** The papers, print shops' first; the first of each profile is its default. */
export const PAPERS: readonly Paper[] = [
  { name: '上質70kg', aliases: ['上質紙70kg'], profile: 'print-shop', mmPerSheet: 0.1, description: '上質紙 70 kg' },
  { name: '上質90kg', aliases: ['上質紙90kg'], profile: 'print-shop', mmPerSheet: 0.12, description: '上質紙 90 kg' },
  {
    name: '上質110kg',
    aliases: ['上質紙110kg'],
    profile: 'print-shop',
    mmPerSheet: 0.14,
    description: '上質紙 110 kg',
  },
  { name: '書籍用紙', profile: 'print-shop', mmPerSheet: 0.1, description: '書籍用紙' },
  { name: '淡クリームキンマリ', profile: 'print-shop', mmPerSheet: 0.1, description: '淡クリームキンマリ' },
  { name: 'kdp-white', profile: 'kdp', inchesPerPage: 0.002252, description: 'KDP white paper, black ink' },
  { name: 'kdp-cream', profile: 'kdp', inchesPerPage: 0.0025, description: 'KDP cream paper, black ink' },
  {
    name: 'kdp-standard-color',
    profile: 'kdp',
    inchesPerPage: 0.002252,
    description: 'KDP white paper, standard colour ink',
  },
  {
    name: 'kdp-premium-color',
    profile: 'kdp',
    inchesPerPage: 0.002347,
    description: 'KDP white paper, premium colour ink',
  },
];

/** A paper name as typed, reduced to what identifies it: no spaces, half-width, lower case. */
function comparable(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The paper a name (or alias) in the metadata stands for. */
export function findPaper(name: string): Paper | undefined {
  const wanted = comparable(name);
  return PAPERS.find((paper) => [paper.name, ...(paper.aliases ?? [])].some((known) => comparable(known) === wanted));
}

/** The paper a profile uses when the metadata names none. */
export function defaultPaper(profile: PaperProfile): Paper {
  return PAPERS.find((paper) => paper.profile === profile)!;
}

/** The known names, for error messages. */
export function paperNames(profile?: PaperProfile): string[] {
  return PAPERS.filter((paper) => !profile || paper.profile === profile).map((paper) => paper.name);
}
