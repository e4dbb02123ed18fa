/**
 * The book's settings as one destination sees them. `print:` holds what every destination
 * shares and a section per destination for what differs there (`print.kdp: { format: … }`);
 * a destination's settings are the shared ones with its section laid over them, and its printed
 * edition's ISBN, price and printer are its section's when it gives them. Errors point at the
 * line a value came from: the section's when it set the value, the shared one's otherwise.
 */
import type { Place } from '../errors.ts';
import { KDP_BLEED_MM, kdpProblems, kdpTrimHint, type DestinationProblem } from './destination-rules.ts';
import { findPaper } from './papers.ts';
import type { BookConfig, DestinationOptions, PrintOptions, Profile } from './schema.ts';

/** What locates a key path of book.yaml. */
export type Locate = (keys: (string | number)[]) => Place;

/** The keys of an edition that a destination's section may change, at the top of book.yaml. */
const EDITION_KEYS = ['isbn', 'price', 'printer'] as const;

/** The settings `profile` builds with: the shared print settings with its section applied, its edition's codes. */
export function configFor(config: BookConfig, profile: Profile): BookConfig {
  const { screen, 'print-shop': shop, kdp, ...shared } = config.print;
  const section: DestinationOptions = { screen, 'print-shop': shop, kdp }[profile] ?? {};
  const { cover: sectionCover, isbn, price, printer, ...settings } = section;
  const print: PrintOptions = { ...shared, ...definedOnly(settings), profile };
  // The shared bleed is the print shop's (3 mm unless set); KDP's is its own 0.125 in, or none.
  if (profile === 'kdp') print.bleed = settings.bleed ?? KDP_BLEED_MM;
  print.cover = coverFor(shared.cover, sectionCover, profile);
  const edition = { isbn, price, printer };
  const codes = Object.fromEntries(
    EDITION_KEYS.flatMap((key) => (edition[key] === undefined ? [] : [[key, edition[key] ?? undefined]])),
  );
  return { ...config, ...codes, print };
}

/**
 * The cover's settings for a destination: the shared ones with its section's over them. A paper
 * in the shared settings is for the destination it belongs to (上質70kg is a print shop's, kdp-white
 * KDP's); another destination takes its own default paper instead.
 */
function coverFor(
  shared: PrintOptions['cover'],
  own: DestinationOptions['cover'],
  profile: Profile,
): PrintOptions['cover'] {
  if (!shared && !own) return undefined;
  const base = shared ?? { spineAllowance: 0, spineText: true };
  const sharedPaper = base.paper !== undefined && findPaper(base.paper)?.profile === profile ? base.paper : undefined;
  return { ...base, paper: sharedPaper, ...definedOnly(own ?? {}) };
}

/** A locate that points at a destination's own setting when its section gives one. */
export function locateFor(config: BookConfig, profile: Profile, locate: Locate): Locate {
  const section = config.print[profile] as Record<string, unknown> | undefined;
  if (!section) return locate;
  const inSection = (keys: (string | number)[]) =>
    keys.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], section) !==
    undefined;
  return (keys) => {
    if (keys[0] === 'print' && keys.length > 1 && inSection(keys.slice(1)))
      return locate(['print', profile, ...keys.slice(1)]);
    if (keys.length === 1 && (EDITION_KEYS as readonly (string | number)[]).includes(keys[0]!) && inSection(keys))
      return locate(['print', profile, keys[0]!]);
    return locate(keys);
  };
}

/**
 * What a destination refuses among the settings it takes from the shared ones (a 文庫 trim for
 * KDP, say): the keys under `print`, with a hint that names the section to set instead. Its own
 * section's values were checked when book.yaml was read.
 */
export function inheritedProblems(config: BookConfig, profile: Profile): DestinationProblem[] {
  if (profile !== 'kdp') return [];
  const own = config.print.kdp ?? {};
  const shared = config.print;
  const inherited = {
    format: own.format === undefined ? shared.format : undefined,
    fontSize: own.fontSize === undefined ? shared.fontSize : undefined,
    hiddenFolio: own.hiddenFolio === undefined ? shared.hiddenFolio : undefined,
  };
  return kdpProblems(inherited).map((problem) => {
    const [key] = problem.keys;
    const hint =
      key === 'format'
        ? kdpTrimHint(shared.format, true)
        : key === 'hiddenFolio'
          ? 'move hiddenFolio under print.print-shop, the edition it is for'
          : `set the KDP edition's own ${key} under print.kdp`;
    return { ...problem, hint };
  });
}

/** An object without its undefined values, so that spreading it leaves the other side's values. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
