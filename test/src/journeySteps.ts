// A journey split into one Jest test per step group, run in order on shared state: a failure names its
// step, and the steps after it say which earlier step they could not go on from instead of failing anew.
export function journeySteps(onFailure: (step: string) => Promise<void> = async () => undefined) {
  let failed: string | undefined;
  return (name: string, run: () => Promise<void>, timeout?: number) =>
    it(
      name,
      async () => {
        if (failed) throw new Error(`not run: the earlier step "${failed}" failed`);
        try {
          await run();
        } catch (error) {
          failed = name;
          await onFailure(name).catch(() => undefined);
          throw error;
        }
      },
      timeout,
    );
}
