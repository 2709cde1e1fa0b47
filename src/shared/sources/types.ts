/** A file handed to the sources by the I/O layer: path as it should appear in reports, and its text. */
export interface SourceFile {
  path: string;
  text: string;
}
