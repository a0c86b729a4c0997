import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` beside this file: compiled `.js` in
 * production. Run from `.ts` sources (under tsx) the worker must register tsx
 * itself, since Node 20 does not pass loader hooks on to worker threads.
 */
export function startWorker(name: string): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL(`./${name}.ts`, import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`, {
    eval: true,
  });
}
