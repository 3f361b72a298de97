/** The seeded generator (mulberry32) lives in `@kiosk/domain`, shared with the specs over seeded loads. */
export { createPrng, type Prng } from '@kiosk/domain';
