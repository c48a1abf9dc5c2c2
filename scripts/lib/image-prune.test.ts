import { describe, expect, it } from "vitest";
import { imagesOfBuild, staleImages } from "./image-prune";

const OUTPUT = [
  "[1/3] STEP 1/5: FROM localhost/stagewatch-base:8ec7a2eb982c AS deps",
  "[1/3] STEP 2/5: WORKDIR /app",
  "--> Using cache 455653f53c93aa10b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081920",
  "--> 455653f53c9",
  "[2/3] STEP 4/9: RUN npm run build",
  "--> 5d6e303d395",
  "[3/3] COMMIT localhost/stagewatch:test",
  "Successfully tagged localhost/stagewatch:test",
  "5d6e303d395d0aa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829",
].join("\n");

describe("image pruning after a build", () => {
  it("reads the ids the build printed for its steps, cached or new", () => {
    expect(imagesOfBuild(OUTPUT)).toEqual([
      "455653f53c93aa10b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081920",
      "455653f53c9",
      "5d6e303d395",
    ]);
  });

  it("deletes earlier builds' untagged images and keeps this build's layer cache", () => {
    const dangling = [{ id: "455653f53c93" }, { id: "92de8ad7907b" }, { id: "5d6e303d395d" }, { id: "f462d80809fc" }];
    expect(staleImages(dangling, OUTPUT)).toEqual(["92de8ad7907b", "f462d80809fc"]);
  });

  it("with no step ids printed, every untagged image counts as an earlier build's", () => {
    expect(staleImages([{ id: "92de8ad7907b" }], "Successfully tagged x")).toEqual(["92de8ad7907b"]);
  });
});
