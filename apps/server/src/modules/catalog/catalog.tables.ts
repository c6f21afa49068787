import type { Generated } from 'kysely';

export interface ServiceCategoriesTable {
  code: string;
  name: string;
  name_en: string;
  sort: Generated<number>;
}

export interface ServiceItemsTable {
  id: Generated<string>;
  code: string;
  category_code: string;
  name: string;
  unit: string;
  price_fen: number;
  expected_minutes: number;
  skills: Generated<string[]>;
  tasks: Generated<string[]>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ServicePackagesTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  monthly_price_fen: number;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ServicePackageItemsTable {
  package_id: string;
  item_id: string;
  monthly_quota: number;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    service_categories: ServiceCategoriesTable;
    service_items: ServiceItemsTable;
    service_packages: ServicePackagesTable;
    service_package_items: ServicePackageItemsTable;
  }
}
