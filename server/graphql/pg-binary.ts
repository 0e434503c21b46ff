/**
 * A reader of PostgreSQL's binary send formats (what `int4send`, `boolsend` and `array_send`
 * write, big-endian), for statements that return their rows packed into one value (base64 of a
 * bytea: see series-values.ts). A float8 travels as its 8 bytes: PostgreSQL prints no digits
 * and nothing parses them back. (The driver's own binary result format is no way round: its
 * protocol parser decodes every field as UTF-8 text, which garbles arbitrary bytes.)
 */
export class BinaryReader {
  private readonly view: DataView;
  private at = 0;

  constructor(bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.at >= this.view.byteLength;
  }

  int4(): number {
    const value = this.view.getInt32(this.at);
    this.at += 4;
    return value;
  }

  bool(): boolean {
    return this.view.getUint8(this.at++) !== 0;
  }

  /** An `array_send` of a one-dimensional int4[] without nulls. */
  int4Array(): number[] {
    // Sized once from the header: pushing grew the array two or three times over.
    const out = new Array<number>(this.arrayLength());
    for (let i = 0; i < out.length; i++) {
      this.element(4);
      out[i] = this.int4();
    }
    return out;
  }

  /** An `array_send` of a one-dimensional float8[] without nulls (NaN and ±Infinity included). */
  float8Array(): number[] {
    const out = new Array<number>(this.arrayLength());
    for (let i = 0; i < out.length; i++) {
      this.element(8);
      out[i] = this.view.getFloat64(this.at);
      this.at += 8;
    }
    return out;
  }

  /** The array header: dimensions, null flag, element type, then the one dimension's length and lower bound. */
  private arrayLength(): number {
    const dimensions = this.int4();
    this.at += 8; // the has-nulls flag (each element is checked instead) and the element type
    if (dimensions === 0) return 0;
    if (dimensions !== 1) throw new Error(`expected a one-dimensional array, got ${dimensions}`);
    const length = this.int4();
    this.at += 4; // lower bound
    return length;
  }

  /** The length word before each element: its size in bytes, or -1 for a null (refused). */
  private element(size: number): void {
    const length = this.int4();
    if (length !== size) {
      throw new Error(
        length === -1 ? "unexpected null array element" : `bad element size ${length}`,
      );
    }
  }
}
