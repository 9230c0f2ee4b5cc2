// The preview form's fields for mapping an unknown unit name, shared by the form (a client
// component) and the server action that reads it. The name travels as a field's VALUE, keyed
// by its position: browsers re-encode field NAMES in multipart bodies (a `"` is sent as %22,
// line breaks as %0D%0A), so a name inside a field name would never match again.

export function mappingFieldNames(index: number): { name: string; target: string } {
  return { name: `mapName:${index}`, target: `mapTo:${index}` };
}

export const MAPPING_TARGET_FIELD = /^mapTo:(\d{1,4})$/;
