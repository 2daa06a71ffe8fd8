// A bench script that fails: the report must name it as skipped, with the reason.
console.error("no kernel to measure");
process.exit(3);
