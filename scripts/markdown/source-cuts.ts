/**
 * Where a one-file book may be cut into pieces before it is parsed, so that each piece is read on
 * its own: micromark's work on a document grows faster than its length (every lazy line moves the
 * whole document's events once more), and a whole novel parsed at once also keeps its whole event
 * list alive. Reading chapter-sized pieces is what makes a 2 MB manuscript cheap.
 *
 * A cut is made only where reading the piece alone must give what reading the whole file gives:
 * before a heading written `#` at the start of a line, after a blank line, outside front
 * matter and fenced code. What can reach across such a line and cannot be seen from the lines
 * alone makes the whole file be read at once, as before: HTML that spans blank lines (comments,
 * `<pre>`, `<script>`…), a byte-order mark, a note referred to that no piece defines, and a `]:`
 * anywhere but in a definition at the start of a line. A note referred to in one piece and
 * defined in another is given to the piece that refers to it, and every link reference definition
 * to every piece (`notes`, `links`: read-in-pieces.ts defines them at the piece's end while
 * reading it, then takes the definitions out again). A `:::` block or a 青空文庫 `［＃ここから…］`
 * block left open at a cut is found after reading: the piece reports it unclosed, and the file is
 * then read whole (read-in-pieces.ts), as it is when a piece reports a note undefined that this
 * scan did not see.
 */

/** Text that may reach across a chapter heading: the file is read whole when it holds any. */
const REACHES_ACROSS = /<[!?]|<(?:script|pre|style|textarea)\b|^\uFEFF/im;
/** A link reference definition's label, at the start of a line (`[x]: …`; not a note's `[^1]:`). */
const LINK_LABEL = /^ {0,3}\[(?!\^)((?:[^\]\\\n]|\\.)+)\]:/gm;
/**
 * A footnote definition's label (`[^1]:`): notes may be defined in one chapter and referred to in
 * another (the piece that refers to one is given it: `notes`). A reference to a link gives no such
 * sign (`[x]` is text until `x` is defined), so every piece is given every link label (`links`).
 */
const FOOTNOTE_LABEL = /\[\^([^\]\n]+)\]:/g;
/** A note referred to (`[^1]` not followed by `:`). */
const FOOTNOTE_CALL = /\[\^([^\]\n]+)\](?!:)/g;
/** A fence line: up to three spaces, then three backticks or tildes or more, then the rest. */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** An ATX heading's line, at the start of the line (where no container can hold it). */
const HEADING = /^#{1,6}(?:[ \t]|$)/;
/** A line with nothing a reader sees. */
const BLANK = /^[ \t]*$/;
/**
 * Pieces smaller than this are joined to the next: each piece has a cost of its own. Small pieces
 * also let two threads end together (the one that finishes first waits for the other's last
 * piece): 4 K characters against 16 K, 明暗 −7 % and large-peer.md −5 % (interleaved, medians).
 */
const SMALLEST_PIECE = 4 * 1024;

/** A piece of the source and where it starts in the whole file. */
export interface SourcePiece {
  text: string;
  /** Lines before the piece. */
  lines: number;
  /** UTF-16 code units before the piece, as unist offsets count. */
  offset: number;
  /**
   * Labels of the notes the piece refers to and another piece defines, as written in the piece:
   * micromark reads `[^1]` as a reference only in a document that defines it.
   */
  notes?: string[];
  /** Labels of the file's link reference definitions, as written: `[x]` is a link only where `x` is defined. */
  links?: string[];
}

/**
 * The file cut before headings where that is safe; one piece when it is not. Any `#` heading will
 * do, whatever the book's chapter level: the pieces are joined again before the file is cut into
 * chapters, so a cut only has to be where reading can stop and start again.
 */
export function cutAtHeadings(text: string, smallest = SMALLEST_PIECE): SourcePiece[] {
  const whole = [{ text, lines: 0, offset: 0 }];
  if (REACHES_ACROSS.test(text) || !definitionsOnly(text)) return whole;
  const pieces: SourcePiece[] = [];
  let start = { lines: 0, offset: 0 };
  let fence: { mark: string; size: number } | undefined;
  let previousBlank = false;
  let frontMatter = text.startsWith('---\n') || text.startsWith('---\r');
  let line = 0;
  for (const match of text.matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)) {
    if (match[0] === '' && match.index === text.length) break;
    const content = match[1]!;
    const offset = match.index;
    if (frontMatter) {
      if (line > 0 && content === '---') frontMatter = false;
    } else if (fence) {
      const close = FENCE.exec(content);
      if (close && close[1]![0] === fence.mark && close[1]!.length >= fence.size && BLANK.test(close[2]!))
        fence = undefined;
    } else if (previousBlank && HEADING.test(content) && offset - start.offset >= smallest) {
      pieces.push({ text: text.slice(start.offset, offset), ...start });
      start = { lines: line, offset };
    } else {
      const open = FENCE.exec(content);
      // A backtick fence's info string holds no backtick; with one, the line is text.
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`')))
        fence = { mark: open[1]![0]!, size: open[1]!.length };
    }
    previousBlank = BLANK.test(content);
    line++;
  }
  // Front matter never closed: what it is depends on the whole file.
  if (frontMatter || pieces.length === 0) return whole;
  pieces.push({ text: text.slice(start.offset), ...start });
  const noted = withNotesFromOtherPieces(pieces);
  return noted ? withLinksFromOtherPieces(noted) : whole;
}

/**
 * Whether every `]:` of the file ends a note's label or a link definition's at the start of a
 * line: one in a quotation or a list (`> [x]: …`) would be a definition this scan does not see,
 * and a reference to it would be read as text in another piece without a sign.
 */
function definitionsOnly(text: string): boolean {
  const marks = text.match(/\]:/g)?.length ?? 0;
  if (marks === 0) return true;
  return marks === (text.match(FOOTNOTE_LABEL)?.length ?? 0) + (text.match(LINK_LABEL)?.length ?? 0);
}

/**
 * The pieces, each given the label of every link definition of the file, its own too: a line this
 * scan takes for a definition may be none (a paragraph's next line), and a reference to its label
 * must then be read as the definition elsewhere in the file makes it (a definition read twice
 * keeps its first, the piece's own).
 */
function withLinksFromOtherPieces(pieces: readonly SourcePiece[]): SourcePiece[] {
  const labels = new Map<string, string>();
  for (const piece of pieces)
    for (const match of piece.text.matchAll(LINK_LABEL))
      if (!labels.has(noteLabel(match[1]!))) labels.set(noteLabel(match[1]!), match[1]!);
  return labels.size === 0 ? [...pieces] : pieces.map((piece) => ({ ...piece, links: [...labels.values()] }));
}

/** A note's label as micromark compares them: case and runs of white space aside. */
export function noteLabel(raw: string): string {
  return raw
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase();
}

/**
 * The pieces, each with the notes it refers to that another piece defines; undefined when a
 * piece seems to refer to a note no piece defines (the file is then read whole at once, which
 * reports it: the check after reading would find it, but only once every piece had been read for
 * nothing).
 */
function withNotesFromOtherPieces(pieces: readonly SourcePiece[]): SourcePiece[] | undefined {
  const definedIn = pieces.map(
    (piece) => new Set([...piece.text.matchAll(FOOTNOTE_LABEL)].map((m) => noteLabel(m[1]!))),
  );
  const defined = new Set(definedIn.flatMap((labels) => [...labels]));
  const given: SourcePiece[] = [];
  for (const [index, piece] of pieces.entries()) {
    const notes = new Map<string, string>();
    for (const match of piece.text.matchAll(FOOTNOTE_CALL)) {
      const label = noteLabel(match[1]!);
      if (definedIn[index]!.has(label)) continue;
      if (!defined.has(label)) return undefined;
      if (!notes.has(label)) notes.set(label, match[1]!);
    }
    given.push(notes.size > 0 ? { ...piece, notes: [...notes.values()] } : piece);
  }
  return given;
}
