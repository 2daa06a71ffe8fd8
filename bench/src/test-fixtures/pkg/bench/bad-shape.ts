// A bench script whose JSON is not a BenchJson (a value is a string).
console.log(JSON.stringify({ title: "Bad", rows: [{ name: "op", value: "fast", unit: "µs" }] }));
