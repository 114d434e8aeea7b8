// Starts generator/worker.ts when the CLI itself runs from source under tsx (as the tests run
// it): a worker thread does not inherit tsx's loader, so it registers its own first.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
