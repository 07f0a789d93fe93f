/**
 * What a CLI command is: its usage line, its options, how it needs the store, and a `run` that parses
 * arguments, calls the service through `dispatch()` and prints. Commands never reach a service any other way.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Input, MethodName, Output } from '../../shared/contract';
import type { AppCore } from '../host/app';

export type Values = Record<string, string | boolean | undefined>;
export type Options = NonNullable<ParseArgsConfig['options']>;

/** One open store, seen as the other hosts see it. */
export interface Session {
  /** Validates and runs one contract method; a failure is thrown as the service's AppError. */
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  /** For what only a host may do (a restore from a named file, a backup to one) and the recovery state. */
  readonly core: AppCore;
}

export interface Context {
  values: Values;
  /** Positional arguments after the command's name. */
  args: string[];
  /** The store of --db, opened as the command's `store` asks; absent for `store: 'none'`. */
  session: Session;
  /** Opens a store at a path of the command's choosing (a dry run's copy); closed after the command. */
  open(storePath: string, options?: { seedIfEmpty?: boolean }): Promise<Session>;
  print(text: string): void;
  json(value: unknown): void;
}

export interface Command {
  /** Usage: each form's arguments after the command's name, and what it does. */
  usage: [args: string, about: string][];
  /** Options beyond --db and --json, which every command takes. */
  options?: Options;
  /**
   * existing: --db must name a store that is there (数据文件不存在 otherwise);
   * create: the store and its folder are created when missing; none: the command opens what it needs.
   */
  store: 'existing' | 'create' | 'none';
  /** Exit code; nothing returned is 0. */
  run(c: Context): Promise<number | void>;
}
