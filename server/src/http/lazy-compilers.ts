// Fastify compiles every route's request validators (Ajv) and response serializers (fast-json-stringify) when the
// server gets ready: a third of a second of every start, and of every test file's app, for routes most processes never
// serve. These builders hand Fastify the same compilers, wrapped to compile a route's schema on its first request.
// The schemas are the same and so is every answer; only the moment of compiling moves.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Validator = ((data: unknown) => unknown) & { errors?: unknown };
type Serializer = (data: unknown) => string;

const buildAjv = AjvCompiler();
const buildStringify = SerializerSelector();

export function lazyValidatorBuilder(...args: Parameters<typeof buildAjv>) {
  const compile = buildAjv(...args);
  return (route: Parameters<typeof compile>[0]): ReturnType<typeof compile> => {
    let validate: Validator | undefined;
    const lazy: Validator = (data) => {
      validate ??= compile(route) as Validator;
      const result = validate(data);
      // Fastify reads a failed validation's errors from the function it called.
      lazy.errors = validate.errors;
      return result;
    };
    // Fastify only calls the function and reads its `errors`; Ajv's other properties are never asked for.
    return lazy as unknown as ReturnType<typeof compile>;
  };
}

export function lazySerializerBuilder(...args: Parameters<typeof buildStringify>) {
  const compile = buildStringify(...args);
  return (route: Parameters<typeof compile>[0]): Serializer => {
    let stringify: Serializer | undefined;
    return (data) => (stringify ??= compile(route) as Serializer)(data);
  };
}
