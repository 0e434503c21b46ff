import { describe, expect, it } from 'vitest';
import { BOM, fileSlug, parseCsv, tableToCsv } from '../../../web/src/lib/csv.js';
import type { TableModel } from '../../../web/src/lib/table.js';

const table: TableModel = {
  columns: [
    { key: 'unit', label: 'Đơn vị' },
    { key: 'value', label: 'Giá trị', numeric: true },
  ],
  rows: [
    { unit: 'Hải Phòng', value: '1.234,5' },
    { unit: 'Hải Dương, "cũ"', value: null },
  ],
};

describe('csv', () => {
  it('starts with a BOM and quotes where needed', () => {
    const csv = tableToCsv(table, 'vi');
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}Đơn vị,Giá trị\r\nHải Phòng,"1.234,5"\r\n"Hải Dương, ""cũ""",Không có số liệu\r\n`);
  });

  it('parses back to the same cells', () => {
    expect(parseCsv(tableToCsv(table, 'en'))).toEqual([
      ['Đơn vị', 'Giá trị'],
      ['Hải Phòng', '1.234,5'],
      ['Hải Dương, "cũ"', 'No data'],
    ]);
  });

  it('makes safe file names from Vietnamese titles', () => {
    expect(fileSlug('So sánh: Tần suất tai nạn chết người')).toBe('so-sanh-tan-suat-tai-nan-chet-nguoi');
    expect(fileSlug('Đ!')).toBe('d');
  });
});
