// A worker thread's entry: Node 20 does not carry tsx's loader (--import tsx) into
// workers, so each registers it here before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
