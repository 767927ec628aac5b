// Validates a Frictionless data package with the `datapackage` npm library (datapackage-js):
// the descriptor against the tabular-data-package profile, then every resource read with its
// schema (types, constraints, primary keys) and its foreign keys (relations).
//   NODE_PATH=CACHE/node_modules node tests/bundle/datapackage_check.js DIR/datapackage.json
const {Package} = require('datapackage');
(async () => {
  const dp = await Package.load(process.argv[2]);
  if (!dp.valid) {
    console.log('datapackage: invalid descriptor:', dp.errors.map((e) => e.message).join('; '));
    process.exit(1);
  }
  for (const r of dp.resources) {
    try {
      await r.read({relations: true});
    } catch (e) {
      const more = (e.errors || []).slice(0, 3).map((x) => x.message).join('; ');
      console.log(`datapackage: ${r.name}: ${e.message} ${more}`);
      process.exit(1);
    }
  }
  console.log(`datapackage: valid (${dp.resources.length} resources)`);
})().catch((e) => { console.log('datapackage:', e.message); process.exit(1); });
