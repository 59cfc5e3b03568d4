import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './did-you-mean.js';

const SERVICE_KEYS = ['environment', 'depends_on', 'ports', 'volumes', 'image', 'container_name', 'command', 'networks', 'expose', 'healthcheck', 'working_dir', 'labels', 'env_file'];

describe('didYouMean', () => {
  it.each([
    ['enviroment', 'environment'],
    ['envirnoment', 'environment'],
    ['env', 'environment'],
    ['depend_on', 'depends_on'],
    ['dependson', 'depends_on'],
    ['port', 'ports'],
    ['volume', 'volumes'],
    ['IMAGE', 'image'],
    ['container-name', 'container_name'],
    ['comand', 'command'],
    ['workdir', 'working_dir'],
    ['healtcheck', 'healthcheck'],
    ['lables', 'labels'],
    ['env-file', 'env_file'],
  ])('%s → %s', (word, meant) => {
    expect(didYouMean(word, SERVICE_KEYS)).toBe(meant);
  });

  it('suggests nothing when no allowed word is close', () => {
    expect(didYouMean('frobnicate', SERVICE_KEYS)).toBeUndefined();
    expect(didYouMean('x', ['image'])).toBeUndefined();
  });

  it('never suggests a confusion that is not allowed at that spot', () => {
    expect(didYouMean('env', ['driver', 'name'])).toBeUndefined();
    expect(didYouMean('port', ['target', 'published'])).toBeUndefined();
  });

  it('suggests enum values', () => {
    expect(didYouMean('service_heathy', ['service_started', 'service_healthy', 'service_completed_successfully'])).toBe('service_healthy');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('ports', 'ports')).toBe(0);
    expect(editDistance('port', 'ports')).toBe(1);
    expect(editDistance('imgae', 'image')).toBe(1);
    expect(editDistance('image', 'imagx')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
