/**
 * Swaps two folders in one step, so that neither path is ever missing: Linux's
 * `renameat2(..., RENAME_EXCHANGE)`. Node exposes no such call, so a one-line Perl program makes
 * the system call (Perl ships with Git and nearly every Linux system, and starts in milliseconds;
 * its `syscall` builtin passes the arguments straight through).
 *
 * Returns false when the exchange is not available here (another OS or CPU, no `perl`, a kernel
 * or file system without RENAME_EXCHANGE, or `CODEGEN_NO_EXCHANGE=1`, which the kill-safety tests
 * set to exercise the fallback): the caller then renames twice. Any other failure throws.
 */
import { spawnSync } from 'node:child_process';

/** `SYS_renameat2` by CPU: x86-64 numbers its system calls apart; arm64 uses the generic table. */
const SYSCALL: Partial<Record<string, number>> = { x64: 316, arm64: 276 };
const AT_FDCWD = -100;
const RENAME_EXCHANGE = 2;

// Prints the errno name on failure, so that "not supported here" can be told from a real error.
const PROGRAM = `my $r = syscall(${'$'}ARGV[0], ${AT_FDCWD}, ${'$'}ARGV[1], ${AT_FDCWD}, ${'$'}ARGV[2], ${RENAME_EXCHANGE});
if ($r != 0) { my ($name) = grep { $!{$_} } keys %!; print STDERR ($name // 0 + $!); exit 1 }`;

/** errno names that mean "this system cannot exchange", not "these paths are wrong". */
const UNSUPPORTED = new Set(['ENOSYS', 'EINVAL', 'EOPNOTSUPP', 'ENOTSUP']);

export function exchangeFolders(a: string, b: string): boolean {
  const syscall = SYSCALL[process.arch];
  if (process.platform !== 'linux' || syscall === undefined || process.env.CODEGEN_NO_EXCHANGE === '1')
    return false;
  const run = spawnSync('perl', ['-e', PROGRAM, String(syscall), a, b], { encoding: 'utf8' });
  if (run.error) {
    if ((run.error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw run.error;
  }
  if (run.status === 0) return true;
  const errno = run.stderr.trim();
  if (UNSUPPORTED.has(errno)) return false;
  throw new Error(`could not exchange ${a} and ${b}: ${errno || `perl exited with ${run.status}`}`);
}
