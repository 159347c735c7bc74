// Stands in for Taro H5's request polyfills (whatwg-fetch, abortcontroller-polyfill) and its JSONP helper:
// every browser the H5 build serves (WeChat's in-app browser, Safari ≥ 12.1, Chrome ≥ 66) has fetch and
// AbortController, and the app never asks for JSONP. 12 KB gzipped off the first screen.
module.exports = function jsonpUnavailable() {
  throw new Error('JSONP 请求不受支持');
};
