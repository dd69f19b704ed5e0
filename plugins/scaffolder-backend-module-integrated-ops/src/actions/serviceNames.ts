import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
  opsOwnerRefs,
  specOwnerRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import { mkdir, readdir, readFile, unlink, writeFile } from 'fs/promises';
import { join } from 'path';
import { parse } from 'yaml';

/** Annotation naming the scaffolder task that registered a new service. */
export const CREATED_BY_TASK_ANNOTATION = 'integrated-ops.io/created-by-task';

/** What a new service's catalog file and repository need to know of the name's holders. */
export interface NewServiceRepositories {
  exists(repository: string): Promise<boolean>;
}

function describeOwners(
  owner: string | undefined,
  ops: Partial<Record<string, string>>,
): string {
  const typed = DISCIPLINES.filter(d => ops[d]).map(
    d => `${DISCIPLINE_TITLES[d]} ${ops[d]}`,
  );
  return `owned by ${owner ?? 'nobody (no spec.owner)'}${
    typed.length ? ` (${typed.join(', ')})` : ''
  }`;
}

function describeEntity(entity: Entity): string {
  const ownedBy = entity.relations?.find(r => r.type === 'ownedBy')?.targetRef;
  return `${stringifyEntityRef(
    entity,
  )} already exists in the catalog, ${describeOwners(
    ownedBy ?? specOwnerRef(entity),
    opsOwnerRefs(entity),
  )}`;
}

/** A registered catalog file, by its base name only: server paths stay out of the task log. */
function describeFile(file: string, text: string | undefined): string {
  let entity: any;
  try {
    entity = text === undefined ? undefined : parse(text);
  } catch {
    entity = undefined;
  }
  const spec = entity?.spec ?? {};
  const ops =
    spec.opsOwners && typeof spec.opsOwners === 'object' ? spec.opsOwners : {};
  return `its catalog file ${file} is registered already${
    entity?.metadata?.name
      ? ` for component ${entity.metadata.name}, ${describeOwners(
          typeof spec.owner === 'string' ? spec.owner : undefined,
          ops,
        )}`
      : ''
  }`;
}

const isCode = (error: unknown, code: string) =>
  (error as NodeJS.ErrnoException)?.code === code;

/**
 * Who already holds a new service's name: a Component of that name (any
 * case) in the catalog, a catalog file registered for it (any case) and
 * the repository. Read by the backend, never taken from template input:
 * the catalog with the scaffolder's own service credentials (a user who
 * cannot see the entity does not make the name free), the registration
 * directory and the repositories from the server's filesystem. Registers
 * a name exclusively, and takes back only a registration its own task made.
 */
export class NewServiceNames {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      registrationDir: string;
      repositories: NewServiceRepositories;
    },
  ) {}

  get registrationDir(): string {
    return this.options.registrationDir;
  }

  /** One line per holder of the name; empty when it is free. */
  async holders(name: string): Promise<string[]> {
    const lower = name.toLowerCase();
    const held: string[] = [];

    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          // In every namespace (the repository, the registration file and
          // the Kubernetes namespace do not depend on the catalog's), and
          // of every kind with typed owners: a bare name in a lookup or an
          // intent must not start meaning the new component instead.
          kind: ['Component', 'Resource', 'System', 'API'],
          'metadata.name': name,
        },
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    for (const entity of items) {
      if (entity.metadata.name.toLowerCase() === lower) {
        held.push(describeEntity(entity));
      }
    }

    const file = await this.#registeredFile(name);
    if (file) {
      held.push(
        describeFile(
          file,
          await readFile(join(this.registrationDir, file), 'utf8').catch(
            () => undefined,
          ),
        ),
      );
    }

    let repository = false;
    try {
      repository = await this.options.repositories.exists(lower);
    } catch {
      // Not a name a repository can have: none holds it.
    }
    if (repository) held.push(`repository ${lower} already exists`);
    return held;
  }

  /** Refuses a name something already holds, naming each holder. */
  async assertFree(name: string): Promise<void> {
    const held = await this.holders(name);
    if (held.length) {
      throw new ConflictError(
        `"${name}" is taken, nothing was written: ${held.join(
          '; ',
        )}. Choose another name.`,
      );
    }
  }

  /**
   * Writes the catalog file the registration Location reads, only if no
   * file for the name exists: created exclusively, so of two runs racing for
   * one name exactly one registers it and the other's file is never written.
   */
  async register(name: string, yaml: string): Promise<string> {
    await mkdir(this.registrationDir, { recursive: true });
    const file = join(this.registrationDir, `${name}.yaml`);
    let taken = await this.#registeredFile(name);
    if (!taken) {
      try {
        await writeFile(file, yaml, { flag: 'wx' });
        return file;
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
        taken = `${name}.yaml`;
      }
    }
    const text = await readFile(
      join(this.registrationDir, taken),
      'utf8',
    ).catch(() => undefined);
    throw new ConflictError(
      `"${name}" is taken, nothing was written: ${describeFile(
        taken,
        text,
      )}. Choose another name.`,
    );
  }

  /**
   * Takes back the catalog file registered for `name` when, and only when,
   * task `taskId` registered it (its created-by-task annotation): what a
   * failed New service run leaves behind. True when a file was removed.
   */
  async release(name: string, taskId: string): Promise<boolean> {
    const file = join(this.registrationDir, `${name}.yaml`);
    let entity: any;
    try {
      entity = parse(await readFile(file, 'utf8'));
    } catch {
      return false;
    }
    if (
      entity?.metadata?.name !== name ||
      entity?.metadata?.annotations?.[CREATED_BY_TASK_ANNOTATION] !== taskId
    ) {
      return false;
    }
    await unlink(file).catch(error => {
      if (!isCode(error, 'ENOENT')) throw error;
    });
    return true;
  }

  /** The registered file for a name, compared without case. */
  async #registeredFile(name: string): Promise<string | undefined> {
    const wanted = `${name}.yaml`.toLowerCase();
    const entries = await readdir(this.registrationDir).catch(error => {
      if (isCode(error, 'ENOENT')) return [] as string[];
      throw error;
    });
    return entries.find(e => e.toLowerCase() === wanted);
  }
}
