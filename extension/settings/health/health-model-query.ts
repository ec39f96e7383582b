/** The current model and its versions in the cache: saving or adopting a model refreshes both. */
export const healthModelKey = ['health.model'] as const;
export const healthVersionsKey = ['health.versions'] as const;
export const calibrationKey = ['health.calibration'] as const;
