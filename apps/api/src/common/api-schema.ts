import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Property decorators for response DTOs, so that each field says its JSON type, format and nullability explicitly
 * (reflected TypeScript types lose `| null` and say nothing of formats). `nullable` fields are always present.
 */
type Options = Omit<ApiPropertyOptions, 'type' | 'nullable'> & { required?: boolean };
const prop = (schema: Record<string, unknown>, options: Options) => ApiProperty({ ...schema, ...options } as never);

export const Text = (o: Options = {}) => prop({ type: 'string' }, o);
export const TextOrNull = (o: Options = {}) => prop({ type: 'string', nullable: true }, o);
export const Uuid = (o: Options = {}) => prop({ type: 'string', format: 'uuid' }, o);
export const UuidOrNull = (o: Options = {}) => prop({ type: 'string', format: 'uuid', nullable: true }, o);
export const Day = (o: Options = {}) => prop({ type: 'string', format: 'date', example: '2027-03-01' }, o);
export const DayOrNull = (o: Options = {}) =>
  prop({ type: 'string', format: 'date', nullable: true, example: '2027-03-01' }, o);
export const Instant = (o: Options = {}) => prop({ type: 'string', format: 'date-time' }, o);
export const InstantOrNull = (o: Options = {}) => prop({ type: 'string', format: 'date-time', nullable: true }, o);
export const Int = (o: Options = {}) => prop({ type: 'integer' }, o);
export const IntOrNull = (o: Options = {}) => prop({ type: 'integer', nullable: true }, o);
export const NumberOrNull = (o: Options = {}) => prop({ type: 'number', nullable: true }, o);
export const Bool = (o: Options = {}) => prop({ type: 'boolean' }, o);
export const BoolOrNull = (o: Options = {}) => prop({ type: 'boolean', nullable: true }, o);
export const Texts = ({ enum: values, ...o }: Options & { enum?: readonly string[] } = {}) =>
  prop({ type: 'array', items: { type: 'string', ...(values ? { enum: [...values] } : {}) } }, o);
/** A JSON object whose keys depend on the type of the thing (task data, request data, a form schema). */
export const FreeObject = (o: Options = {}) => prop({ type: 'object', additionalProperties: true }, o);
export const FreeObjectOrNull = (o: Options = {}) =>
  prop({ type: 'object', additionalProperties: true, nullable: true }, o);
/** A nested DTO (or a list of them with `[Dto]`). */
export const Nested = (type: (new () => object) | [new () => object], o: Options = {}) => prop({ type }, o);
export const NestedOrNull = (type: new () => object, o: Options = {}) => prop({ type, nullable: true }, o);
/** An object whose values all have one schema (e.g. booleans per basic condition). */
export const MapOf = (values: Record<string, unknown>, o: Options = {}) =>
  prop({ type: 'object', additionalProperties: values }, o);
