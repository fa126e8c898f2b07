import { describe, expect, it } from 'vitest';
import {
  isBuiltInRole,
  isReservedRoleName,
  permissionsBeyond,
  resolvePermissions,
  unknownPermissions,
} from './roles.js';

describe('roles', () => {
  const custom = new Map([['warehouse_clerk', ['inventory:read', 'inventory:write']]]);

  it('resolves built-in and custom roles to their permissions, once each', () => {
    expect(resolvePermissions(['customer'], custom)).toEqual([]);
    expect(resolvePermissions(['warehouse_clerk', 'catalog_manager'], custom)).toContain('products:write');
    expect(
      resolvePermissions(['warehouse_clerk', 'catalog_manager'], custom).filter(
        (p) => p === 'inventory:read',
      ),
    ).toHaveLength(1);
    expect(resolvePermissions(['nobody', 'constructor', 'toString'], custom)).toEqual([]);
    expect(resolvePermissions(['admin'], custom)).toContain('roles:write');
  });

  it('knows the built-in roles and the platform permissions', () => {
    expect(isBuiltInRole('admin')).toBe(true);
    expect(isBuiltInRole('toString')).toBe(false);
    expect(isReservedRoleName('support')).toBe(true);
    expect(isReservedRoleName('constructor')).toBe(true);
    expect(isReservedRoleName('warehouse_clerk')).toBe(false);
    expect(unknownPermissions(['products:write', 'root:all'])).toEqual(['root:all']);
  });

  it('lists what a caller would hand out beyond what they hold', () => {
    expect(permissionsBeyond(['users:write:any'], ['users:write:any'])).toEqual([]);
    expect(permissionsBeyond(['users:write:any'], ['roles:write', 'roles:write'])).toEqual(['roles:write']);
  });
});
