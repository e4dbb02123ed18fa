/** ISBN, Cコード and the 書籍JANコード's price bar: check digits and forms. */
import bwipjs from 'bwip-js';
import { describe, expect, it } from 'vitest';
import { ean13CheckDigit, priceBarcode, readCCode, readIsbn } from '../../scripts/config/book-codes.ts';

describe('ISBN', () => {
  it('computes the EAN-13 check digit with weights 1 and 3', () => {
    // 9·1 + 7·3 + 8·1 + 4·3 + 1·1 + 0·3 + 1·1 + 0·3 + 1·1 + 0·3 + 0·1 + 1·3 = 56 → 4
    expect(ean13CheckDigit('978410101001')).toBe(4);
    expect(ean13CheckDigit('978400000000')).toBe(0);
  });

  it('reads an ISBN with or without hyphens, and hyphenates it by the agency ranges', () => {
    for (const input of ['9784101010014', '978-4-10-101001-4', 'ISBN978-4-10-101001-4', '978 4 10 101001 4']) {
      expect(readIsbn(input)).toEqual({ value: { digits: '9784101010014', hyphenated: '978-4-10-101001-4' } });
    }
  });

  it('turns an ISBN-10 into an ISBN-13', () => {
    expect(readIsbn('4-10-101001-3')).toEqual({ value: { digits: '9784101010014', hyphenated: '978-4-10-101001-4' } });
  });

  it('names a wrong check digit and the right one', () => {
    expect(readIsbn('978-4-10-101001-5')).toEqual({ problem: 'wrong check digit 5: 978410101001 needs 4' });
    expect(readIsbn('4-10-101001-4')).toEqual({ problem: 'wrong check digit 4: ISBN-10 410101001 needs 3' });
  });

  it('refuses what is not an ISBN', () => {
    expect(readIsbn('12345')).toHaveProperty('problem');
    expect(readIsbn('1234567890128')).toEqual({ problem: 'an ISBN-13 starts with 978 or 979, not 123' });
  });
});

describe('書籍JANコード', () => {
  it('reads a Cコード with or without its C, in full-width too', () => {
    expect(readCCode('C0093')).toEqual({ value: '0093' });
    expect(readCCode('0193')).toEqual({ value: '0193' });
    expect(readCCode('Ｃ００９３')).toEqual({ value: '0093' });
    expect(readCCode('C93')).toHaveProperty('problem');
    expect(readCCode('CX093')).toHaveProperty('problem');
  });

  it('makes the price bar as 192 + Cコード + five-digit price + check digit', () => {
    // 1·1 + 9·3 + 2·1 + 0·3 + 0·1 + 9·3 + 3·1 + 0·3 + 1·1 + 5·3 + 0·1 + 0·3 = 76 → 4
    expect(priceBarcode('0093', 1500)).toBe('1920093015004');
    expect(priceBarcode('0193', 600)).toBe('1920193006001');
    expect(priceBarcode('0093', 99_999)).toMatch(/^192009399999\d$/);
  });

  it('makes codes that the barcode library, which checks the digit itself, accepts', () => {
    for (const digits of [priceBarcode('0093', 1500), priceBarcode('3055', 12_800), '9784101010014'])
      expect(() => bwipjs.raw({ bcid: 'ean13', text: digits })).not.toThrow();
    expect(() => bwipjs.raw({ bcid: 'ean13', text: '1920093015005' })).toThrow();
  });

  it('refuses prices that do not fit five digits', () => {
    expect(() => priceBarcode('0093', 100_000)).toThrow();
    expect(() => priceBarcode('0093', 12.5)).toThrow();
  });
});

describe('codes in book.yaml', () => {
  it('accepts an unquoted ISBN (YAML reads it as a number) and explains an unquoted Cコード', async () => {
    const { parseBookConfig } = await import('../../scripts/config/load.ts');
    const parsed = parseBookConfig({ text: 'title: 猫\nisbn: 9784101010014\n', file: 'book.yaml' });
    expect(parsed.config.isbn).toBe('9784101010014');
    expect(() => parseBookConfig({ text: 'title: 猫\ncCode: 0093\n', file: 'book.yaml' })).toThrow(
      /not "93"; unquoted digits lose their leading zeros in YAML: write C0093/,
    );
  });
});
