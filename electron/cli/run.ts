/**
 * The CLI as a host: finds the command, parses its options, opens the store as the command asks and hands
 * it a session over the same core (and `dispatch()`) as the Electron and browser hosts.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { NON_WRITING_METHODS, type MethodName } from '../../shared/contract';
import { fail } from './args';
import type { Command, Context, Session, Values } from './command';
import { parseArgsText } from './errors';
import { COMMANDS } from './commands';
import { step } from './interrupt';
import { assertStoreExists, ensureStoreFolder, requireDb } from './store';

export const USAGE = [
  '用法：duchagongzuotai <命令> [选项]（在项目文件夹中：npm run -s cli -- <命令> [选项]）',
  ...Object.entries(COMMANDS).flatMap(([name, c]) => c.usage.map(([args, about]) => `  ${name} ${args}\n      ${about}`)),
  '  help\n      显示本说明；<命令> --help 显示该命令的说明',
  '',
  '结果写到标准输出（加 --json 为 JSON，便于用管道交给其他程序），出错时以中文写到标准错误。',
  '退出码：0 成功；1 出错（含因季度已发布锁定而拒绝）；2 restore 未加 --yes，只显示了备份内容，或 import 的文件是另一季度的而未加 --force-quarter，未导入；130 按 Ctrl+C 中断，未做任何改动。',
].join('\n');

/** The command named by the first one or two words ("list", "export overview"), and the words after it. */
function findCommand(argv: string[]): { name: string; command: Command; rest: string[] } {
  const [first, second] = argv;
  const two = `${first} ${second}`;
  if (second !== undefined && Object.hasOwn(COMMANDS, two)) return { name: two, command: COMMANDS[two]!, rest: argv.slice(2) };
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return { name: first, command: COMMANDS[first]!, rest: argv.slice(1) };
  const group = Object.keys(COMMANDS).filter((n) => n.startsWith(`${first} `)).map((n) => n.slice(first!.length + 1));
  if (group.length > 0) {
    const choices = group.join('、');
    if (second === undefined || second.startsWith('-')) fail(`请指定要执行的${first}命令：${group.map((g) => `${first} ${g}`).join('，')}`);
    fail(`未知的${first}命令：${second}（可用：${choices}）`);
  }
  fail(`未知命令：${first}\n${USAGE}`);
}

async function openSession(storePath: string, options: { seedIfEmpty?: boolean } = {}): Promise<Session> {
  // Loaded here, not at the top: `--help` and argument errors need none of the service.
  const { startCore } = await import('../host/app');
  const core = await startCore({ storePath, seedIfEmpty: options.seedIfEmpty ?? false });
  return {
    core,
    call: async (method, input) => {
      // A call naming a job (an import) can be cancelled by Ctrl+C the way the app's 取消 does.
      const jobId = (input as { jobId?: unknown } | undefined)?.jobId;
      const cancel = typeof jobId === 'string' ? () => core.call('jobs.cancel', { jobId }) : undefined;
      // A scratch store in memory (a file tried before the real store is opened) keeps nothing.
      const writes = storePath !== ':memory:' && !NON_WRITING_METHODS.has(method as MethodName);
      const result = await step(() => core.call(method as MethodName, input), { cancel, writes });
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.where);
      return result.value as never;
    },
  };
}

function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    write(USAGE);
    return 0;
  }
  const { name, command, rest } = findCommand(argv);
  if (rest.includes('--help') || rest.includes('-h')) {
    write(command.usage.map(([args, about]) => `用法：duchagongzuotai ${name} ${args}\n      ${about}`).join('\n'));
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { db: { type: 'string' }, json: { type: 'boolean' }, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    if (!String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw err;
    fail(`${parseArgsText(err as { code: string; message: string })}（${name} 的选项见 duchagongzuotai ${name} --help）`);
  }
  const { values, positionals } = parsed as { values: Values; positionals: string[] };
  const opened: Session[] = [];
  const open = async (storePath: string, options?: { seedIfEmpty?: boolean }) => {
    const s = await openSession(storePath, options);
    opened.push(s);
    return s;
  };
  try {
    let session: Session | null = null;
    if (command.store !== 'none') {
      const db = requireDb(values);
      if (command.store === 'existing') assertStoreExists(db);
      else ensureStoreFolder(db);
      session = await open(db);
    }
    const context: Context = {
      values,
      args: positionals,
      get session(): Session {
        if (!session) throw new AppError('internal', `命令 ${name} 没有打开数据文件。`);
        return session;
      },
      open,
      print: write,
      json: (value) => write(JSON.stringify(value)),
    };
    return (await command.run(context)) ?? 0;
  } finally {
    for (const s of opened) s.core.close();
  }
}
