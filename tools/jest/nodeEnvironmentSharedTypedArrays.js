// Jest's node environment with the outer realm's Float32Array: onnxruntime's native binding returns
// tensors built on it, and onnxruntime-common (loaded inside the sandbox) checks them with instanceof.
const { TestEnvironment } = require('jest-environment-node');

class NodeEnvironmentSharedTypedArrays extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.Float32Array = Float32Array;
  }
}

module.exports = NodeEnvironmentSharedTypedArrays;
