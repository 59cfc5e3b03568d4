/**
 * The image builder's public surface: buildImage() turns a Dockerfile and a context into an image of
 * the store, running each RUN step as a berth container and caching every layer step; plus the context
 * and Dockerfile readers the app layer needs before a build; and the cleanup of what builds leave
 * (the build cache, and what a crashed build left).
 */
export { buildImage, sweepBuildLeftovers, type BuilderOptions } from './image-builder.js';
export { pruneBuildCache, type CachePruneOptions, type CachePruneReport } from './cache-prune.js';
export { checkContext, readDockerfileText, type DockerfileSource } from './build-context.js';
export type { BuildEvent, BuildListener, BuildNetwork, BuildRequest, BuildResult, BuildUlimit, StepRef } from './build-types.js';
