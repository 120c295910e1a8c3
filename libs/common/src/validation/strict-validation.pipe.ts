import { ValidationPipe } from '@nestjs/common';
import {
  getMetadataStorage,
  validate,
  ValidationError,
  ValidationTypes,
  validateSync,
  ValidatorOptions,
} from 'class-validator';

import { formatValidationErrors } from './validation-message';

/**
 * Whether every rule of the class runs synchronously, so that validateSync
 * checks exactly what validate would: no nested object (its class is only known
 * from the value), no promise, no async custom constraint. Such a class is
 * validated without class-validator's promise per rule and Promise.all per
 * object, which were a third of the pipe's cost on every login.
 */
function hasOnlySyncRules(target: object): boolean {
  const storage = getMetadataStorage();
  return storage
    .getTargetValidationMetadatas(target as new () => unknown, '', true, false)
    .every((metadata) => {
      switch (metadata.type) {
        case ValidationTypes.NESTED_VALIDATION:
        case ValidationTypes.PROMISE_VALIDATION:
          return false;
        case ValidationTypes.CUSTOM_VALIDATION:
          return storage
            .getTargetValidatorConstraints(metadata.constraintCls)
            .every((constraint) => !constraint.async);
        default:
          return true;
      }
    });
}

/**
 * The validation of every input, HTTP body or RPC payload: unknown fields and
 * wrong types are refused. A class whose rules are all synchronous is checked
 * with validateSync (decided once per class); any other with validate.
 */
export class StrictValidationPipe extends ValidationPipe {
  private readonly syncOnly = new WeakMap<object, boolean>();

  protected override validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    const target = object.constructor;
    let syncOnly = this.syncOnly.get(target);
    if (syncOnly === undefined) {
      syncOnly = hasOnlySyncRules(target);
      this.syncOnly.set(target, syncOnly);
    }
    return syncOnly ? validateSync(object, options) : validate(object, options);
  }
}

/** The app's strict pipe; the error it answers with is built from the message naming the fields. */
export function createStrictValidationPipe(
  toError: (message: string) => unknown,
): StrictValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => toError(formatValidationErrors(errors)),
  });
}
