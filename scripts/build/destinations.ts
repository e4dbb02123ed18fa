/**
 * The destinations of one build: which ones the command asks for, the book as each sees it
 * (its section of `print:` applied, errors pointing at the line a value came from), the names
 * their files get, and the check of every asked destination's settings before anything is laid
 * out. Each destination's files are named for it, so that one never replaces another's:
 *
 *   dist/<name>.pdf                 the screen PDF
 *   dist/<name>-print-shop.pdf      the print shop's interior, and beside it
 *   dist/<name>-print-shop-cover.pdf
 *   dist/<name>-kdp.pdf             the KDP interior, and beside it
 *   dist/<name>-kdp-cover.pdf
 */
import type { Book } from '../book.ts';
import { configFor, inheritedProblems, locateFor } from '../config/destination-config.ts';
import type { Profile } from '../config/schema.ts';
import { BuildError, BuildErrors } from '../errors.ts';
import type { BuildOptions } from './options.ts';

/** The destinations a build makes PDFs for: the command line's, else the metadata's `print.profile`. */
export function profilesOf(book: Pick<Book, 'config'>, options: Pick<BuildOptions, 'profiles'>): Profile[] {
  return options.profiles && options.profiles.length > 0 ? [...options.profiles] : [book.config.print.profile];
}

/** The destination a printed cover is for: a print destination's own, a print shop's for the screen. */
export function coverProfile(profile: Profile): Exclude<Profile, 'screen'> {
  return profile === 'screen' ? 'print-shop' : profile;
}

/** The book as one destination builds it: its settings, and places that point at the line each came from. */
export function destinationBook<B extends Pick<Book, 'config' | 'manuscript'>>(book: B, profile: Profile): B {
  const config = configFor(book.config, profile);
  const locate = locateFor(book.config, profile, book.manuscript.locate);
  return { ...book, config, manuscript: { ...book.manuscript, config, locate } };
}

/** The file suffix of a destination's PDF: none for the screen, `-print-shop`, `-kdp`. */
export function pdfSuffix(profile: Profile): string {
  return profile === 'screen' ? '' : `-${profile}`;
}

/** The file suffix of a destination's cover: `-print-shop-cover`, `-kdp-cover`. */
export function coverSuffix(profile: Exclude<Profile, 'screen'>): string {
  return `-${profile}-cover`;
}

/**
 * Check what each destination takes from the shared settings (a 文庫 trim for KDP, say) before
 * anything is laid out: every problem of every destination, each at its line, in one error.
 */
export function checkDestinations(book: Pick<Book, 'config' | 'manuscript'>, profiles: readonly Profile[]): void {
  const errors = profiles.flatMap((profile) => {
    const locate = locateFor(book.config, profile, book.manuscript.locate);
    return inheritedProblems(book.config, profile).map(
      (problem) =>
        new BuildError(`${profileName(profile)}: ${problem.message}`, {
          ...locate(['print', ...problem.keys]),
          hint: problem.hint,
          ruleId: `${profile}-settings`,
        }),
    );
  });
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new BuildErrors(errors);
}

/** A destination as messages name it. */
function profileName(profile: Profile): string {
  return { screen: 'the screen PDF', 'print-shop': 'the print shop edition', kdp: 'the KDP edition' }[profile];
}
