// Validation problems of imported files, shared by the importers (lib/annex-upload/parse,
// lib/case-records/import): the shape, the bilingual sentences, the collection, the CSV.
export * from "./collection";
export * from "./problems-csv";
export * from "./validation-problem";
