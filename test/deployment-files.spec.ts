import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';

import { CustomerEnv, validateCustomerEnv } from '../apps/customer/src/config/customer.env';
import { PublicsEnv, validatePublicsEnv } from '../apps/publics/src/config/publics.env';
import { SandboxEnv, validateSandboxEnv } from '../apps/wechat-sandbox/src/config/sandbox.env';
import { isRunnableApp } from '../tools/docker/apps';

const root = join(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface ComposeService {
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
  volumes?: string[];
  ports?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

/** The variables an app's config class validates: the schema the compose file must match. */
function configKeys(envClass: new () => object): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  return new Set(metadata.map((entry) => entry.propertyName));
}

/** The values of .env.example, as docker compose reads them from a copied .env. */
const envExample = Object.fromEntries(
  read('.env.example')
    .split('\n')
    .map((line) => /^(\w+)=(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1], match[2]]),
);

/** A service's environment with compose's ${VAR}, ${VAR:-default} and ${VAR:?message} filled from .env.example. */
function interpolated(environment: Record<string, string> = {}): Record<string, string> {
  const fill = (value: string) =>
    String(value).replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind, rest) => {
      const value = envExample[name];
      if (value !== undefined && value !== '') return value;
      if (kind === '-') return rest as string;
      throw new Error(`\${${name}} is not set by .env.example`);
    });
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, fill(value)]));
}

/** The variables a compose file interpolates that .env.example does not set. */
function variablesMissingFromEnvExample(file: string): string[] {
  const used = new Set([...read(file).matchAll(/\$\{(\w+)/g)].map((match) => match[1]));
  return [...used].filter((name) => !(name in envExample));
}

const validators = {
  customer: validateCustomerEnv,
  publics: validatePublicsEnv,
  'wechat-sandbox': validateSandboxEnv,
} as const;

describe.each([
  ['docker-compose.yml', ['customer', 'publics', 'wechat-sandbox']],
  ['docker-compose.scale.yml', ['customer-1', 'customer-2', 'publics-1', 'publics-2']],
] as const)('%s', (file, services) => {
  const parsed = parse(read(file), { merge: true }) as {
    services: Record<string, ComposeService>;
  };

  it.each(services)(
    "gives %s an environment its app's config validation accepts (filled from .env.example)",
    (service) => {
      const validate = validators[service.replace(/-\d$/, '') as keyof typeof validators];
      const environment = interpolated(parsed.services[service].environment);

      expect(() => validate(environment)).not.toThrow();
    },
  );
});

describe('docker-compose.yml', () => {
  it.each([
    ['customer', CustomerEnv],
    ['publics', PublicsEnv],
    ['wechat-sandbox', SandboxEnv],
  ] as const)('sets only variables that the %s config knows', (service, envClass) => {
    const known = configKeys(envClass);
    const names = Object.keys(compose.services[service].environment ?? {});

    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
  });

  it('runs each app service with a command the image understands', () => {
    for (const service of ['customer', 'publics', 'wechat-sandbox']) {
      const [app] = compose.services[service].command ?? [];
      expect(isRunnableApp(app)).toBe(true);
    }
  });

  it('starts customer after a healthy MySQL and a ready publics, migrating at start', () => {
    const customer = compose.services.customer;

    expect(customer.depends_on).toEqual({
      mysql: { condition: 'service_healthy' },
      publics: { condition: 'service_healthy' },
    });
    expect(customer.environment?.DB_MIGRATE).toBe('true');
    expect(customer.environment?.DATABASE_URL).toMatch(/^mysql:\/\/.+@mysql:3306\//);
    expect(customer.environment?.WORKER_ID).toBeDefined();
    expect(customer.environment?.PUBLICS_HOST).toBe('publics');
  });

  it.each([
    ['customer', 'CUSTOMER_PORT'],
    ['publics', 'PUBLICS_HEALTH_PORT'],
  ])(
    "checks %s's health with node fetching /health/ready on its %s (the image has no curl)",
    (service, portVariable) => {
      const { healthcheck, environment } = compose.services[service];
      const port = environment?.[portVariable];

      expect(port).toMatch(/^\d+$/);
      expect(healthcheck?.test).toEqual([
        'CMD',
        'node',
        '-e',
        `fetch('http://127.0.0.1:${port}/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
      ]);
    },
  );

  it('keeps MySQL data in a volume and checks its health', () => {
    const mysql = compose.services.mysql;

    expect(mysql.healthcheck?.test).toBeDefined();
    expect(mysql.volumes).toEqual(['mysql-data:/var/lib/mysql']);
    expect(compose.volumes).toHaveProperty('mysql-data');
  });

  it('runs the WeChat sandbox under the dev profile only', () => {
    expect(compose.services['wechat-sandbox'].profiles).toEqual(['dev']);
    expect(compose.services.publics.profiles).toBeUndefined();
  });

  it('takes every variable it interpolates from .env.example, which .gitignore keeps .env apart from', () => {
    expect(variablesMissingFromEnvExample('docker-compose.yml')).toEqual([]);
    expect(read('.gitignore').split('\n')).toContain('.env');
  });
});

interface ScaledComposeService extends ComposeService {
  image?: string;
  networks?: string[] | Record<string, { ipv4_address?: string }>;
}

const scaled = parse(read('docker-compose.scale.yml'), { merge: true }) as {
  services: Record<string, ScaledComposeService>;
  networks: Record<string, unknown>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.scale.yml', () => {
  const customers = ['customer-1', 'customer-2'];
  const publics = ['publics-1', 'publics-2'];

  it.each([
    ...customers.map((service) => [service, CustomerEnv] as const),
    ...publics.map((service) => [service, PublicsEnv] as const),
    ['wechat-sandbox', SandboxEnv] as const,
  ])('sets only variables that the %s config knows', (service, envClass) => {
    const known = configKeys(envClass);
    const names = Object.keys(scaled.services[service].environment ?? {});

    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
  });

  it('runs two customers and two publics on NATS and Redis, the customers with WORKER_ID=auto', () => {
    for (const service of [...customers, ...publics]) {
      const environment = scaled.services[service].environment ?? {};
      expect(environment).toMatchObject({
        PUBLICS_TRANSPORT: 'nats',
        NATS_URL: 'nats://nats:4222',
        REDIS_URL: 'redis://redis:6379',
      });
      expect(isRunnableApp(scaled.services[service].command?.[0])).toBe(true);
    }
    for (const service of customers) {
      expect(scaled.services[service].environment?.WORKER_ID).toBe('auto');
      expect(scaled.services[service].environment?.DATABASE_URL).toMatch(/@mysql:3306\//);
    }
  });

  it('puts nginx (official image, health-checked) in front of both customers, the only proxy they trust', () => {
    const nginx = scaled.services.nginx;
    const address = (nginx.networks as Record<string, { ipv4_address?: string }>).scale
      .ipv4_address;
    const config = read('deploy/nginx-scale.conf');

    expect(nginx.image).toMatch(/^nginx:[\w.-]+$/);
    expect(nginx.healthcheck?.test).toBeDefined();
    expect(nginx.volumes).toEqual(['./deploy/nginx-scale.conf:/etc/nginx/conf.d/default.conf:ro']);
    expect(nginx.depends_on).toEqual({
      'customer-1': { condition: 'service_healthy' },
      'customer-2': { condition: 'service_healthy' },
    });
    for (const service of customers) {
      expect(config).toContain(`server ${service}:3000`);
      expect(scaled.services[service].environment?.TRUST_PROXY).toBe(address);
    }
    expect(config).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
  });

  it('checks the health of every service but the dev sandbox, and starts the apps after what they need', () => {
    for (const service of Object.keys(scaled.services).filter(
      (name) => name !== 'wechat-sandbox',
    )) {
      expect(scaled.services[service].healthcheck?.test).toBeDefined();
    }
    expect(Object.keys(scaled.services).sort()).toEqual(
      [...customers, ...publics, 'mysql', 'nats', 'nginx', 'redis', 'wechat-sandbox'].sort(),
    );
    for (const service of publics) {
      expect(Object.keys(scaled.services[service].depends_on ?? {}).sort()).toEqual([
        'nats',
        'redis',
      ]);
    }
    expect(Object.keys(scaled.services['customer-1'].depends_on ?? {}).sort()).toEqual([
      'mysql',
      ...publics,
    ]);
  });

  it('takes every variable it interpolates from .env.example', () => {
    expect(variablesMissingFromEnvExample('docker-compose.scale.yml')).toEqual([]);
  });
});

/** End of life of the Node LTS lines (nodejs.org/en/about/previous-releases); 20 ended on 2026-04-30. */
const NODE_LTS_END_OF_LIFE: Record<number, string> = {
  22: '2027-04-30',
  24: '2028-04-30',
  26: '2029-04-30',
};

const packageJson = JSON.parse(read('package.json')) as { engines: { node: string } };

describe('Dockerfile', () => {
  const stages = read('Dockerfile')
    .split(/^FROM /m)
    .slice(1)
    .map((stage) => `FROM ${stage}`);
  const runtime = stages[stages.length - 1];

  it('builds in one stage and runs from a second, both on NODE_IMAGE', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/^FROM \$\{NODE_IMAGE\} AS build/);
    expect(runtime).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime/);
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
  });

  it('runs on a Node LTS line whose end of life has not passed, which better-sqlite3 and package.json accept', () => {
    const image = /^ARG NODE_IMAGE=node:(\d+)-bookworm-slim$/m.exec(read('Dockerfile'));
    const major = Number(image?.[1]);
    const betterSqlite = JSON.parse(read('node_modules/better-sqlite3/package.json')) as {
      engines: { node: string };
    };
    const minimum = /^>=(\d+)\./.exec(packageJson.engines.node);

    expect(NODE_LTS_END_OF_LIFE[major]).toBeDefined();
    expect(Date.parse(NODE_LTS_END_OF_LIFE[major])).toBeGreaterThan(Date.now());
    expect(betterSqlite.engines.node.split(' || ')).toContain(`${major}.x`);
    expect(major).toBeGreaterThanOrEqual(Number(minimum?.[1]));
  });

  it('installs production dependencies only, and runs as a non-root user', () => {
    expect(runtime).toContain('npm ci --omit=dev');
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "dist\/tools\/docker\/run-app.js"\]$/m);
  });

  it('copies only paths that exist', () => {
    const sources = [...read('Dockerfile').matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap(
      (match) => match[1].split(' '),
    );

    expect(sources.filter((source) => !existsSync(join(root, source)))).toEqual([]);
  });
});
