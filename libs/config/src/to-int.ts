/** Numbers arrive from the environment as strings; an empty string stays as it is, for the validator to name. */
export const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
