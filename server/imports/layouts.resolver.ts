import { Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { MAX_CELL_CHARS, MAX_IMPORT_COLUMNS } from "./csv-reader.js";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./csv.js";
import { ImportLayout, layouts } from "./import.service.js";

/** The sample file of each layout in seeds/samples/ (made-up values: layout examples only). */
const SAMPLE_FILES: Record<ImportLayout, string> = {
  ACCIDENTS: "seeds/samples/accidents.csv",
  MONITORING: "seeds/samples/monitoring.csv",
  CHECKUPS: "seeds/samples/checkups.csv",
};

@ObjectType({ description: "A CSV layout importCsv accepts, and the limits of a file" })
class CsvLayout {
  @Field(() => ImportLayout) layout!: ImportLayout;
  @Field(() => [String], { description: "Columns the header must name (in any order)" })
  columns!: string[];
  @Field(() => [String], { description: "Columns the header may name" }) optional!: string[];
  @Field(() => Boolean, { description: "Whether importCsv needs a source code (accident values)" })
  needsSource!: boolean;
  @Field(() => String, { description: "Path of the example file in the repository" })
  sampleFile!: string;
  @Field(() => Int, { description: "Largest file accepted, in bytes (UTF-8)" }) maxBytes!: number;
  @Field(() => Int, { description: "Most data rows in one file" }) maxRows!: number;
  @Field(() => Int, { description: "Most cells on one line" }) maxColumns!: number;
  @Field(() => Int, { description: "Longest cell, in characters" }) maxCellChars!: number;
}

/** Describes the import layouts from the import code itself, so a form never copies them. */
@Resolver()
export class CsvLayoutResolver {
  @Query(() => [CsvLayout], {
    description: "The CSV layouts of importCsv, their columns and limits",
  })
  csvLayouts(): CsvLayout[] {
    return Object.values(ImportLayout).map(layout => ({
      layout,
      columns: [...layouts[layout].columns],
      optional: [...(layouts[layout].optional ?? [])],
      needsSource: layout === ImportLayout.ACCIDENTS,
      sampleFile: SAMPLE_FILES[layout],
      maxBytes: MAX_IMPORT_BYTES,
      maxRows: MAX_IMPORT_ROWS,
      maxColumns: MAX_IMPORT_COLUMNS,
      maxCellChars: MAX_CELL_CHARS,
    }));
  }
}
