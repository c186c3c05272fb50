// The subset of the WebAssembly JavaScript API the compute core uses. The project
// compiles with lib ES2022 only (no DOM), and @types/node does not declare it.
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  interface ModuleExportDescriptor {
    name: string;
    kind: 'function' | 'table' | 'memory' | 'global';
  }
  class Module {
    constructor(bytes: BufferSource);
    static exports(module: Module): ModuleExportDescriptor[];
  }
  class Global {
    value: unknown;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- imported host functions take any arguments
  type ImportValue = ((...args: any[]) => unknown) | Memory | Global | number;
  type Imports = Record<string, Record<string, ImportValue>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- exports are typed where they are used
  type Exports = Record<string, ((...args: any[]) => unknown) | Memory | Global>;
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }
}
type BufferSource = ArrayBufferView | ArrayBuffer;
