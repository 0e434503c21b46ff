import type pg from "pg";

/**
 * Copies of a table for the partitioning measurement (bench/partition.ts): `<table>_plain`,
 * the table as it is (same columns, constraints and indexes), and `<table>_p`, the same
 * PARTITION BY RANGE (year) with one partition per year present and a default one. PostgreSQL
 * wants every unique index of a partitioned table to contain the partition key: the primary
 * key becomes (id, year); the unique constraints of both tables already include the year.
 * Filling each copy from the loaded table times the load with its index upkeep.
 */
export interface CopyTimes {
  table: string;
  plainMs: number;
  partitionedMs: number;
  plainMb: number;
  partitionedMb: number;
  partitions: number;
}

export async function copyBothWays(client: pg.Client, table: string): Promise<CopyTimes> {
  const indexes = (
    await client.query<{ name: string; def: string; primary: boolean; unique: boolean }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as def, i.indisprimary as primary, i.indisunique as unique
       from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid = $1::regclass order by c.relname`,
      [table],
    )
  ).rows;
  const years = (
    await client.query<{ year: number }>(`select distinct year from ${table} order by year`)
  ).rows.map(r => r.year);
  const plain = `${table}_plain`;
  const parted = `${table}_p`;
  await client.query(`drop table if exists ${plain}, ${parted}`);
  // Columns, defaults, CHECK and NOT NULL constraints; the indexes are added below.
  await client.query(
    `create table ${plain} (like ${table} including defaults including constraints)`,
  );
  await client.query(
    `create table ${parted} (like ${table} including defaults including constraints) partition by range (year)`,
  );
  for (const year of years) {
    await client.query(
      `create table ${parted}_${year} partition of ${parted} for values from (${year}) to (${year + 1})`,
    );
  }
  await client.query(`create table ${parted}_other partition of ${parted} default`);
  for (const index of indexes) {
    const columns = /\((.*)\)$/.exec(index.def)![1];
    if (index.primary) {
      await client.query(`alter table ${plain} add primary key (${columns})`);
      await client.query(`alter table ${parted} add primary key (${columns}, year)`);
      continue;
    }
    const withYear = index.unique && !/\byear\b/.test(columns) ? `${columns}, year` : columns;
    const unique = index.unique ? "unique " : "";
    await client.query(`create ${unique}index on ${plain} (${columns})`);
    await client.query(`create ${unique}index on ${parted} (${withYear})`);
  }
  const fill = async (target: string) => {
    const started = performance.now();
    await client.query(`insert into ${target} select * from ${table}`);
    return performance.now() - started;
  };
  const plainMs = await fill(plain);
  const partitionedMs = await fill(parted);
  await client.query(`vacuum analyze ${plain}, ${parted}`);
  const size = async (name: string) =>
    Number(
      (
        await client.query<{ bytes: string }>(
          // A partitioned table holds no data itself: add up its partitions.
          `select sum(pg_total_relation_size(r)) as bytes from (select relid as r from pg_partition_tree($1::regclass) union select $1::regclass) x`,
          [name],
        )
      ).rows[0].bytes,
    ) /
    1024 /
    1024;
  return {
    table,
    plainMs,
    partitionedMs,
    plainMb: await size(plain),
    partitionedMb: await size(parted),
    partitions: years.length + 1,
  };
}
