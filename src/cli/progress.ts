/**
 * Stage progress on stderr: one line per stage with its time, redrawn in place.
 * Silent when stderr is not a terminal (pipes, CI, notebooks), so logs stay clean.
 */
import type { PipelineProgress } from '../pipeline/index.js';

export function stageProgress(stream: NodeJS.WriteStream = process.stderr): ((event: PipelineProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const started = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  return (event) => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (event.phase === 'start') {
      started.set(event.stage, performance.now());
      let f = 0;
      const draw = () => {
        const s = (performance.now() - started.get(event.stage)!) / 1000;
        stream.write(`\r${frames[f++ % frames.length]} ${event.stage.padEnd(20)} ${s.toFixed(1)} s`);
      };
      draw();
      timer = setInterval(draw, 100);
      timer.unref();
    } else {
      stream.write(`\r✔ ${event.stage.padEnd(20)} ${(event.seconds ?? 0).toFixed(2)} s\n`);
    }
  };
}
