/** Awaits `promise`, expecting it to fail, and returns the error (so tests can inspect it). */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
