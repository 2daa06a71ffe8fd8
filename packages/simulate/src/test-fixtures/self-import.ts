import { SimulateError } from "@ecology/simulate";
import { helper } from "./lib/helper.js";

export const errorClass = SimulateError;
export const helped = helper(20);
export const loadedFrom = __filename;
