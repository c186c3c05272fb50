/** Types of scripts/build-client.mjs, for the test that checks the generated page script is current. */
export function compileClient(): string;
export function generatedModule(script: string): string;
