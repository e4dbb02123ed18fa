/**
 * The codes a Japanese book carries on its cover (日本図書コード): the ISBN, the classification
 * code (Cコード) and the price (本体価格), and the 書籍JANコード made from them — two EAN-13
 * symbols, `978…` (the ISBN) above and `192` + Cコード + price + check digit below. Pure
 * functions; the schema calls them so that a wrong code is reported at its line of book.yaml.
 */
import { createRequire } from 'node:module';

/**
 * isbn3, loaded the first time an ISBN is read: its table of the agency's ranges is a tenth of
 * what every build loads before reading the manuscript (13 ms), and most books have no ISBN.
 */
let isbn: typeof import('isbn3') | undefined;
const isbn3 = () => (isbn ??= createRequire(import.meta.url)('isbn3') as typeof import('isbn3'));

/** The EAN-13 (and ISBN-13) check digit of the first twelve digits: weights 1, 3, 1, 3, … modulo 10. */
export function ean13CheckDigit(twelve: string): number {
  if (!/^\d{12}$/.test(twelve)) throw new Error(`expected twelve digits, got "${twelve}"`);
  const sum = [...twelve].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

/** The ISBN-10 check digit (weights 10 … 2, modulo 11; 10 is written X). */
function isbn10CheckDigit(nine: string): string {
  const sum = [...nine].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** A value read from the metadata, or why it could not be. */
export type Reading<T> = { value: T } | { problem: string };

/** An ISBN as the cover prints it. */
export interface Isbn {
  /** Thirteen digits, `978…` or `979…`. */
  digits: string;
  /** With the hyphens of the registration groups' ranges, `978-4-10-101001-4`. */
  hyphenated: string;
}

/**
 * Read an ISBN written with or without hyphens or spaces (ISBN-10 is converted to ISBN-13);
 * returns a message saying what is wrong instead when it is not one.
 */
export function readIsbn(input: string): Reading<Isbn> {
  const bare = input
    .normalize('NFKC')
    .replace(/^ISBN(-1[03])?:?\s*/i, '')
    .replace(/[-\s]/g, '')
    .toUpperCase();
  if (/^\d{13}$/.test(bare)) {
    if (!/^97[89]/.test(bare)) return { problem: `an ISBN-13 starts with 978 or 979, not ${bare.slice(0, 3)}` };
    const check = ean13CheckDigit(bare.slice(0, 12));
    if (Number(bare[12]) !== check)
      return { problem: `wrong check digit ${bare[12]}: ${bare.slice(0, 12)} needs ${check}` };
  } else if (/^\d{9}[\dX]$/.test(bare)) {
    const check = isbn10CheckDigit(bare.slice(0, 9));
    if (bare[9] !== check)
      return { problem: `wrong check digit ${bare[9]}: ISBN-10 ${bare.slice(0, 9)} needs ${check}` };
  } else {
    return { problem: 'an ISBN has 13 digits (or 10 for an old ISBN-10), e.g. 978-4-10-101001-4' };
  }
  const parsed = isbn3().parse(bare);
  // isbn3 knows the ranges the ISBN agency has given out; a number outside them has no publisher.
  if (!parsed)
    return { problem: `${bare} is in no range the ISBN agency has given out (no registration group or publisher)` };
  return { value: { digits: parsed.isbn13, hyphenated: parsed.isbn13h } };
}

/**
 * Check a Cコード (分類コード): `C` and four digits — 販売対象 (0–9), 発行形態 (0–9) and 内容
 * (two digits). Returns its four digits, or a message.
 */
export function readCCode(input: string): Reading<string> {
  const code = input.normalize('NFKC').trim().toUpperCase();
  const match = /^C?(\d{4})$/.exec(code);
  if (!match) {
    // YAML reads an unquoted 0093 as the number 93.
    const zeros = /^\d{1,3}$/.test(code) ? '; unquoted digits lose their leading zeros in YAML: write C0093' : '';
    return {
      problem: `a Cコード is C and four digits, e.g. C0093 (一般・単行本・日本文学、小説・物語), not "${input}"${zeros}`,
    };
  }
  return { value: match[1]! };
}

/** The largest price the 書籍JANコード can hold: five digits of yen. */
export const MAX_PRICE = 99_999;

/** The lower bar of the 書籍JANコード: `192`, the Cコード's four digits, the price in five digits, a check digit. */
export function priceBarcode(cCode: string, price: number): string {
  if (!/^\d{4}$/.test(cCode)) throw new Error(`expected four digits of a Cコード, got "${cCode}"`);
  if (!Number.isInteger(price) || price < 0 || price > MAX_PRICE) throw new Error(`price out of range: ${price}`);
  const twelve = `192${cCode}${String(price).padStart(5, '0')}`;
  return `${twelve}${ean13CheckDigit(twelve)}`;
}
