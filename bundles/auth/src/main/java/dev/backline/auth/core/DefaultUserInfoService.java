package dev.backline.auth.core;

import java.util.List;
import java.util.Locale;

import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.BackstageUserInfo;
import dev.backline.plugin.api.services.UserInfoService;

/** {@code core.userInfo}: what the user token behind a user's credentials says. */
final class DefaultUserInfoService implements UserInfoService {

    @Override
    public BackstageUserInfo getUserInfo(BackstageCredentials credentials) {
        if (credentials instanceof UserCredentials user) {
            return new BackstageUserInfo(user.principal().userEntityRef(), user.ownershipEntityRefs());
        }
        if (credentials.principal() instanceof BackstagePrincipal.User user) {
            // A user another auth implementation established: it owns through itself only, as far as we know.
            return new BackstageUserInfo(user.userEntityRef(), List.of(user.userEntityRef()));
        }
        throw new InputError("User info is only available for a user's credentials, got '"
                + credentials.principal().type().name().toLowerCase(Locale.ROOT) + "' credentials");
    }
}
