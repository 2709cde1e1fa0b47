/** A file handed to the sources by the I/O layer: path as it should appear in reports, and its text. */
export interface SourceFile {
  path: string;
  text: string;
  /** The bytes started with a UTF-8 byte-order mark, which `text` leaves out: a rewrite puts it back. */
  bom?: true;
  /**
   * The bytes are not valid UTF-8 (Latin-1, say): `text` has U+FFFD where they were not, which is
   * fine to analyse but must never be written back (every such byte would change). See decodeText.
   */
  lossy?: true;
}
