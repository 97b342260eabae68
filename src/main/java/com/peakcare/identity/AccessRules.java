package com.peakcare.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_REVOKE;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/**
 * Grants Camunda authorizations to groups, idempotently: a grant that exists is widened, never duplicated.
 * Features call this at start-up for what their processes need (who may start them, read their history).
 */
@Component
public class AccessRules {

  public static final String ANY = Authorization.ANY;

  private final AuthorizationService authorizationService;

  AccessRules(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    widen(AUTH_TYPE_GRANT, groupId, resource, resourceId, permissions);
  }

  /**
   * Takes permissions back from a group's grant, where an earlier start-up gave them (issue 20: supervisors' former
   * UPDATE_INSTANCE); nothing when the group never had them.
   */
  public void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization auth = grantOf(groupId, resource, resourceId);
    if (auth == null) {
      return;
    }
    boolean changed = false;
    for (Permission permission : permissions) {
      if (auth.isPermissionGranted(permission)) {
        auth.removePermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(auth);
    }
  }

  /**
   * A group's explicit denial of permissions on one resource (a REVOKE authorization), idempotently: it narrows a
   * wider grant the group holds on every resource ({@link #ANY}), because Camunda weighs a specific resource's
   * authorization above the generic one. A member who also belongs to a group that grants the permission on the
   * same resource keeps it (Camunda: a group's grant wins over another group's revoke at the same level).
   */
  public void deny(String groupId, Resource resource, String resourceId, Permission... permissions) {
    widen(AUTH_TYPE_REVOKE, groupId, resource, resourceId, permissions);
  }

  /**
   * The group's authorization of this type on the resource, created when missing, made to cover the permissions
   * (granted by a GRANT, revoked by a REVOKE) and saved only when that changed it.
   */
  private void widen(int type, String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization auth = authorizationOf(type, groupId, resource, resourceId);
    boolean created = auth == null;
    if (created) {
      auth = authorizationService.createNewAuthorization(type);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    boolean changed = created;
    for (Permission permission : permissions) {
      boolean covered = type == AUTH_TYPE_GRANT ? auth.isPermissionGranted(permission)
          : auth.isPermissionRevoked(permission);
      if (!covered) {
        if (type == AUTH_TYPE_GRANT) {
          auth.addPermission(permission);
        } else {
          auth.removePermission(permission);
        }
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(auth);
    }
  }

  /** Everything, on every resource: what {@code camunda-admin} holds. */
  public void grantAll(String groupId, Resource[] resources) {
    for (Resource resource : resources) {
      grant(groupId, resource, ANY, Permissions.ALL);
    }
  }

  /** The group's grant on the resource, if it has one. */
  private Authorization grantOf(String groupId, Resource resource, String resourceId) {
    return authorizationOf(AUTH_TYPE_GRANT, groupId, resource, resourceId);
  }

  private Authorization authorizationOf(int type, String groupId, Resource resource, String resourceId) {
    return authorizationService.createAuthorizationQuery()
        .authorizationType(type)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
  }
}
