import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

function describeErrors(errors: ValidationError[]): string[] {
  return errors.map((error) => {
    const reasons = Object.values(error.constraints ?? {}).join('; ');
    return `  - ${error.property}: ${reasons || 'is invalid'}`;
  });
}

/**
 * Builds the `validate` function of ConfigModule.forRoot for one env class:
 * converts strings to the declared types, applies the class's defaults, and
 * fails at boot with every bad key listed at once.
 */
export function createEnvValidator<T extends object>(
  envClass: new () => T,
  crossChecks: (env: T) => string[] = () => [],
): (raw: Record<string, unknown>) => T {
  return (raw) => {
    const present = Object.fromEntries(
      Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
    );
    const env = plainToInstance(envClass, present, { enableImplicitConversion: true });
    const problems = describeErrors(validateSync(env, { skipMissingProperties: false }));
    if (problems.length === 0) {
      problems.push(...crossChecks(env).map((problem) => `  - ${problem}`));
    }
    if (problems.length > 0) {
      throw new Error(`Invalid configuration (${envClass.name}):\n${problems.join('\n')}`);
    }
    return env;
  };
}
