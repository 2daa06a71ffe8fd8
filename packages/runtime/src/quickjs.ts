import variant from "@jitl/quickjs-wasmfile-release-sync";
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core";

let loading: Promise<QuickJSWASMModule> | undefined;

/** The QuickJS WebAssembly module, instantiated once per process and shared by every runtime. */
export function loadQuickJs(): Promise<QuickJSWASMModule> {
  // The variant package's CommonJS typings describe the module namespace; its default is the variant.
  loading ??= newQuickJSWASMModuleFromVariant(variant as unknown as QuickJSSyncVariant);
  return loading;
}
