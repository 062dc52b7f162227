//! Runs the .xlsx export in a Web Worker (a second wasm binary), loaded when the browser is idle.
