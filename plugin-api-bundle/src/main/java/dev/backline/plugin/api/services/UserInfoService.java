package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a user token says about its user: Backstage's {@code coreServices.userInfo}.
 *
 * @since 1.4
 */
@ProviderType
public interface UserInfoService {

    /**
     * The user entity ref and ownership refs of the user behind {@code credentials}.
     *
     * @throws dev.backline.plugin.api.errors.InputError when the credentials are not a user's
     */
    BackstageUserInfo getUserInfo(BackstageCredentials credentials);
}
