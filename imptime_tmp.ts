const m = Deno.args[0]; const t = performance.now(); await import(m); console.log((performance.now()-t).toFixed(1), m);
