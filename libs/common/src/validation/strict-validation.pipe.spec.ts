import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsString,
  Length,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
  ValidationError,
  ValidatorOptions,
} from 'class-validator';

import { createStrictValidationPipe, StrictValidationPipe } from './strict-validation.pipe';

class Flat {
  @IsString()
  @Length(1, 8)
  code!: string;
}

/** Resolves later, as a rule that asks a database would. */
function IsEventuallyEven(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEventuallyEven',
      target: target.constructor,
      propertyName: propertyName as string,
      async: true,
      options: { message: (args: ValidationArguments) => `${args.property} must be even` },
      validator: {
        validate: (value: unknown) =>
          new Promise<boolean>((resolve) => setImmediate(() => resolve(Number(value) % 2 === 0))),
      },
    });
}

class WithAsyncRule {
  @IsInt()
  @IsEventuallyEven()
  count!: number;
}

class Child {
  @IsInt()
  age!: number;
}

class Parent {
  @ValidateNested()
  @Type(() => Child)
  child!: Child;
}

class RefusedInput extends Error {}

/** Exposes the pipe's choice between validateSync and validate. */
class ObservedPipe extends StrictValidationPipe {
  check(object: object, options?: ValidatorOptions) {
    return this.validate(object, options);
  }
}

const body = (metatype: new () => unknown): ArgumentMetadata => ({ type: 'body', metatype });

describe('StrictValidationPipe', () => {
  const pipe = createStrictValidationPipe((message) => new RefusedInput(message));

  it('accepts a valid value of a class whose rules are all synchronous, as an instance', async () => {
    const value = (await pipe.transform({ code: 'abc' }, body(Flat))) as Flat;
    expect(value).toBeInstanceOf(Flat);
    expect(value.code).toBe('abc');
  });

  it('refuses an unknown field and a wrong type of such a class, naming them', async () => {
    await expect(pipe.transform({ code: 7, extra: 1 }, body(Flat))).rejects.toThrow(
      /property extra should not exist.*code must be a string|code must be a string.*property extra should not exist/,
    );
    await expect(pipe.transform({ code: '123456789' }, body(Flat))).rejects.toThrow(
      /code must be shorter than or equal to 8 characters/,
    );
  });

  it('checks a class whose rules are all synchronous without a promise', () => {
    const observed = new ObservedPipe({ whitelist: true, forbidNonWhitelisted: true });
    const result = observed.check(Object.assign(new Flat(), { code: '' }));
    expect(Array.isArray(result)).toBe(true);
    expect((result as ValidationError[])[0].constraints).toHaveProperty('isLength');
  });

  it('still runs an asynchronous rule, through validate', async () => {
    const observed = new ObservedPipe({});
    expect(observed.check(Object.assign(new WithAsyncRule(), { count: 2 }))).toBeInstanceOf(
      Promise,
    );
    await expect(pipe.transform({ count: 3 }, body(WithAsyncRule))).rejects.toThrow(
      /count must be even/,
    );
    await expect(pipe.transform({ count: 4 }, body(WithAsyncRule))).resolves.toEqual({ count: 4 });
  });

  it('still validates a nested object by its own class', async () => {
    await expect(pipe.transform({ child: { age: 'old' } }, body(Parent))).rejects.toThrow(
      /^age must be an integer number$/,
    );
    await expect(pipe.transform({ child: { age: 3, extra: 1 } }, body(Parent))).rejects.toThrow(
      /^property extra should not exist$/,
    );
  });
});
