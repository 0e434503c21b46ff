import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { projectRoot } from "../paths.js";
import { buildAppSchema, printAppSchema } from "../schema.js";

const path = resolve(projectRoot(), "schema/schema.graphql");
writeFileSync(path, printAppSchema(await buildAppSchema()));
console.log(`wrote ${path}`);
